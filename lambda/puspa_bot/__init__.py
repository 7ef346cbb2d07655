"""PUSPA responder: answers residents on WhatsApp from the reply index."""
