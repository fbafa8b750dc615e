// Revokes a token and ends its sessions. Returns the token as it was before (revokedAt null when it was active).
MATCH (t:ApiToken {id: $id})
WITH t, t.revokedAt AS wasRevokedAt
SET t.revokedAt = coalesce(t.revokedAt, datetime())
WITH t, wasRevokedAt
OPTIONAL MATCH (s:Session {tokenId: t.id})
DETACH DELETE s
WITH DISTINCT t, wasRevokedAt
RETURN t.id AS id, t.name AS name, t.role AS role, toString(wasRevokedAt) AS wasRevokedAt, toString(t.revokedAt) AS revokedAt
