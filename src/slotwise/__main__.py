from slotwise.cli.main import app

app()
