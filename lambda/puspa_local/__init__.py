"""PUSPA's local stack: dynalite, the webhook on 127.0.0.1, the terminal chat. Not deployed."""
