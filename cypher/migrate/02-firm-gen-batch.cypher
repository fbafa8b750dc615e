MATCH (f:Firm)
WHERE f.gen IS NULL
WITH f LIMIT toInteger($batch)
SET f.gen = $generation
RETURN count(*) AS updated
