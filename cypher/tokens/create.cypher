// Issues a named token, stored by the SHA-256 of its secret only. Returns nothing when an active token
// already has the name (names say who acted in the audit trail, so they must be unambiguous).
OPTIONAL MATCH (other:ApiToken {name: $name})
WHERE other.revokedAt IS NULL
WITH count(other) AS clashes
WHERE clashes = 0
CREATE (t:ApiToken {id: $id, name: $name, role: $role, hash: $hash, createdAt: datetime(), createdBy: $createdBy})
RETURN t.id AS id, t.name AS name, t.role AS role, toString(t.createdAt) AS createdAt, t.createdBy AS createdBy
