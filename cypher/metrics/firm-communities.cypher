// Every firm's community (from the last metrics run), for the overview's community grouping ($communityIndex:
// its place in metricValues; NaN there is no value, and NaN = NaN is false).
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (f:Firm)
WHERE f.gen = meta.generation
WITH f, f.metricValues[toInteger($communityIndex)] AS community
WHERE community = community
RETURN f.id AS id, community
