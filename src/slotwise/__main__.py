from slotwise.cli.main import run

run()
