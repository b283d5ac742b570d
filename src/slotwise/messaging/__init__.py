"""Text messages (SMS, WhatsApp) through a provider: Twilio's Messages API, or files in the
data dir for development; and the delivery receipts Twilio's status callbacks report."""
