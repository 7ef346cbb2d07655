"""The office computer's side of PUSPA: its connection to the table (AWS or a local endpoint)."""
