// A live session whose token (when it came from an issued token) has not been revoked since.
MATCH (s:Session {hash: $hash})
WHERE s.expiresAt > datetime()
OPTIONAL MATCH (t:ApiToken {id: s.tokenId})
WITH s, t
WHERE s.tokenId IS NULL OR (t IS NOT NULL AND t.revokedAt IS NULL)
RETURN s.actorId AS id, s.actorName AS name, s.role AS role, toString(s.expiresAt) AS expiresAt
