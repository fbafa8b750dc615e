// Communities by size, each with its five largest firms and the sectors of its members ($communityIndex: the
// community's place in metricValues; NaN there is no value, and NaN = NaN is false).
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (f:Firm)
WHERE f.gen = meta.generation
WITH f.metricValues[toInteger($communityIndex)] AS id, f
WHERE id = id
WITH id, f
ORDER BY f.revenue DESC
WITH id, count(f) AS size, collect(f) AS members
RETURN id, size,
       [m IN members[..5] | {id: m.id, name: m.name, nameKo: m.nameKo}] AS topFirms,
       [m IN members | m.sector] AS sectors,
       CASE WHEN $members THEN [m IN members[..toInteger($maxMembers)] | m.id] ELSE null END AS memberIds
ORDER BY size DESC, id
