"""Accounts, roles and what each may see."""
