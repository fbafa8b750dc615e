MATCH (f:Firm)
WITH f LIMIT toInteger($batch)
DETACH DELETE f
RETURN count(*) AS deleted
