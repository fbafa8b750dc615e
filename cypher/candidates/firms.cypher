// The firms that may be ranked as pre-anchor candidates, with their stored metrics.
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (f:Firm)
WHERE f.gen = meta.generation AND f.tier IN $tiers AND f.region IN $regions AND f.revenue >= $revenueMin AND f.revenue <= $revenueMax
RETURN properties(f) AS firm
