// Every firm's community (from the last metrics run), for the overview's community grouping.
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (f:Firm)
WHERE f.gen = meta.generation AND f.community IS NOT NULL
RETURN f.id AS id, f.community AS community
