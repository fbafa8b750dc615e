MATCH (t:ApiToken {hash: $hash})
WHERE t.revokedAt IS NULL
RETURN t.id AS id, t.name AS name, t.role AS role
