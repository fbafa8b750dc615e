// Firm search and listing. $sort is a property name from the API's allowlist; $desc picks the direction.
// Metrics are read from the list property metricValues: $sortIndex (when sorting by a metric), $metricIndex
// and $communityIndex are places in it (server/domain/metricValues.ts), where NaN is no value (NaN = NaN is
// false, and a comparison with NaN too).
// With a query, names that start with it come first.
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (f:Firm)
WHERE f.gen = meta.generation
  AND ($q IS NULL OR f.searchText CONTAINS $q)
  AND ($tiers IS NULL OR f.tier IN $tiers)
  AND ($sector IS NULL OR f.sector STARTS WITH $sector)
  AND ($region IS NULL OR f.region = $region)
  AND ($district IS NULL OR f.district = $district)
  AND ($cohort IS NULL OR f.cohort = $cohort)
  AND ($community IS NULL OR f.metricValues[toInteger($communityIndex)] = $community)
  AND ($minRevenue IS NULL OR f.revenue >= $minRevenue)
  AND ($maxRevenue IS NULL OR f.revenue <= $maxRevenue)
  AND ($metricIndex IS NULL OR (f.metricValues[toInteger($metricIndex)] >= coalesce($metricMin, f.metricValues[toInteger($metricIndex)]) AND f.metricValues[toInteger($metricIndex)] <= coalesce($metricMax, f.metricValues[toInteger($metricIndex)])))
WITH f,
     CASE WHEN $q IS NOT NULL AND (f.nameLower STARTS WITH $q OR toLower(coalesce(f.nameKo, '')) STARTS WITH $q OR f.id STARTS WITH $q) THEN 0 ELSE 1 END AS relevance,
     CASE WHEN $sortIndex IS NULL THEN f[$sort] ELSE f.metricValues[toInteger($sortIndex)] END AS raw
WITH f, relevance, CASE WHEN raw = raw THEN raw END AS key
ORDER BY relevance, key IS NULL, CASE WHEN $desc THEN key END DESC, CASE WHEN NOT $desc THEN key END ASC, f.id
SKIP toInteger($skip) LIMIT toInteger($limit)
RETURN properties(f) AS firm
