// A staged import that failed gives up its mark, so that its rows count as stale and are removed.
MATCH (m:Meta {key: 'dataVersion'})
WHERE m.staging = $generation
SET m.staging = null
RETURN count(*) AS abandoned
