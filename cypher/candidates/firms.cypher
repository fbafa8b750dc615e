// The firms that may be ranked as pre-anchor candidates, with their stored metrics.
MATCH (f:Firm)
WHERE f.tier IN $tiers AND f.region IN $regions AND f.revenue >= $revenueMin AND f.revenue <= $revenueMax
RETURN properties(f) AS firm
