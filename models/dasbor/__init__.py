"""What the dashboards ask: the queries behind each page, its tables and their CSV and Excel exports."""
