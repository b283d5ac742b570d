"""Accounts for the host's web app: sign-up, sign-in sessions stored in the database, and
password resets by an emailed link."""
