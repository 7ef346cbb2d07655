"""PUSPA's public portal: MkDocs pages from checked content, preview, server, audit, pictures."""
