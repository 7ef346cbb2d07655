"""The office computer's tools: sign-ups, PETUGAS calls, the e-KTP list, monthly figures, report."""
