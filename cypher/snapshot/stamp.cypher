// What identifies one state of the stored data, for the snapshot file: the data version, the generation
// and the time of the last change (a wiped database starts its versions again), and the version at which
// the generation was published (a store's own snapshot file holds the data as published).
OPTIONAL MATCH (m:Meta {key: 'dataVersion'})
RETURN coalesce(m.value, 0) AS version, coalesce(m.generation, 0) AS generation, toString(m.updatedAt) AS updatedAt,
       m.publishedVersion AS publishedVersion
