MATCH (f:Firm)
RETURN f.id AS id, f.revenue AS revenue
