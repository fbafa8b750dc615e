// Every firm's community (from the last metrics run), for the overview's community grouping.
MATCH (f:Firm)
WHERE f.community IS NOT NULL
RETURN f.id AS id, f.community AS community
