// Firm search and listing. $sort and $metric are property names from the API's allowlists; $desc picks the
// direction.
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
  AND ($community IS NULL OR f.community = $community)
  AND ($minRevenue IS NULL OR f.revenue >= $minRevenue)
  AND ($maxRevenue IS NULL OR f.revenue <= $maxRevenue)
  AND ($metric IS NULL OR (f[$metric] >= coalesce($metricMin, f[$metric]) AND f[$metric] <= coalesce($metricMax, f[$metric])))
WITH f,
     CASE WHEN $q IS NOT NULL AND (f.nameLower STARTS WITH $q OR toLower(coalesce(f.nameKo, '')) STARTS WITH $q OR f.id STARTS WITH $q) THEN 0 ELSE 1 END AS relevance,
     f[$sort] AS key
ORDER BY relevance, key IS NULL, CASE WHEN $desc THEN key END DESC, CASE WHEN NOT $desc THEN key END ASC, f.id
SKIP toInteger($skip) LIMIT toInteger($limit)
RETURN properties(f) AS firm
