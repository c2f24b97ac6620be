"""The Flask-only parts: login and the guard, downloads, print routes; their HTML lives in templates/."""
