// Takes the write lock on the data version at the start of a merge's transaction (so writers from
// several processes serialise) and returns the version as it stands once the lock is held, with the time
// of that change (a merge's change record names the state it starts from).
MERGE (m:Meta {key: 'dataVersion'})
ON CREATE SET m.value = 0, m.generation = 0
SET m.locked = true
REMOVE m.locked
RETURN m.value AS version, toString(m.updatedAt) AS updatedAt
