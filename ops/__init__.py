"""Operations: security headers, structured logs, backup and restore. Imports no other app of the project."""
