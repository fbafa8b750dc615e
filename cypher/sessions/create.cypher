// A signed-in browser: the session is stored by the SHA-256 of its cookie value only.
MATCH (old:Session) WHERE old.expiresAt < datetime()
DETACH DELETE old
WITH count(*) AS expired
CREATE (s:Session {hash: $hash, tokenId: $tokenId, actorId: $actorId, actorName: $actorName, role: $role,
                   createdAt: datetime(), expiresAt: datetime() + duration({seconds: $ttlSeconds})})
RETURN toString(s.expiresAt) AS expiresAt
