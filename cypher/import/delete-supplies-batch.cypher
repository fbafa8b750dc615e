MATCH ()-[r:SUPPLIES]->()
WITH r LIMIT toInteger($batch)
DELETE r
RETURN count(*) AS deleted
