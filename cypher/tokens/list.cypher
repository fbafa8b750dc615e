MATCH (t:ApiToken)
WHERE $includeRevoked OR t.revokedAt IS NULL
RETURN t.id AS id, t.name AS name, t.role AS role, toString(t.createdAt) AS createdAt, t.createdBy AS createdBy,
       toString(t.revokedAt) AS revokedAt
ORDER BY t.createdAt, t.id
