// Sets the given properties of an application (the service decides which, from its allowlist).
MATCH (a:Application {id: $id})
SET a += $changes
RETURN properties(a) AS application
