// Stores computed metrics on a batch of firms, given as parallel lists ($ids[i] with $columns.<metric>[i]),
// only while the data is still the version they were computed from (else nothing is written and the service
// starts over on the new data). The properties are METRIC_IDS (server/domain/metrics.ts); a test holds them equal.
MATCH (m:Meta {key: 'dataVersion'})
WHERE m.value = $dataVersion
UNWIND range(0, size($ids) - 1) AS i
MATCH (f:Firm {id: $ids[i], gen: m.generation})
SET
  f.metricsVersion = $dataVersion,
  f.pagerank = $columns.pagerank[i],
  f.pagerankReverse = $columns.pagerankReverse[i],
  f.betweenness = $columns.betweenness[i],
  f.community = $columns.community[i],
  f.coreNumber = $columns.coreNumber[i],
  f.constraint = $columns.constraint[i],
  f.inDegree = $columns.inDegree[i],
  f.outDegree = $columns.outDegree[i],
  f.inStrength = $columns.inStrength[i],
  f.outStrength = $columns.outStrength[i],
  f.supplierHhi = $columns.supplierHhi[i],
  f.customerHhi = $columns.customerHhi[i],
  f.outputMultiplier = $columns.outputMultiplier[i],
  f.employmentMultiplier = $columns.employmentMultiplier[i],
  f.valueAddedMultiplier = $columns.valueAddedMultiplier[i],
  f.regionalRetention = $columns.regionalRetention[i],
  f.backwardLinkage = $columns.backwardLinkage[i],
  f.forwardLinkage = $columns.forwardLinkage[i],
  f.articulation = $columns.articulation[i],
  f.ghoshForwardLinkage = $columns.ghoshForwardLinkage[i],
  f.outputMultiplierII = $columns.outputMultiplierII[i],
  f.valueAddedMultiplierII = $columns.valueAddedMultiplierII[i],
  f.employmentMultiplierII = $columns.employmentMultiplierII[i],
  f.backwardLinkageII = $columns.backwardLinkageII[i],
  f.forwardLinkageII = $columns.forwardLinkageII[i],
  f.regionOutputMultiplier = $columns.regionOutputMultiplier[i],
  f.regionValueAddedMultiplier = $columns.regionValueAddedMultiplier[i],
  f.regionEmploymentMultiplier = $columns.regionEmploymentMultiplier[i],
  f.regionBackwardLinkage = $columns.regionBackwardLinkage[i],
  f.regionForwardLinkage = $columns.regionForwardLinkage[i],
  f.regionGhoshForwardLinkage = $columns.regionGhoshForwardLinkage[i],
  f.regionOutputMultiplierII = $columns.regionOutputMultiplierII[i],
  f.regionValueAddedMultiplierII = $columns.regionValueAddedMultiplierII[i],
  f.regionEmploymentMultiplierII = $columns.regionEmploymentMultiplierII[i],
  f.regionBackwardLinkageII = $columns.regionBackwardLinkageII[i],
  f.regionForwardLinkageII = $columns.regionForwardLinkageII[i]
RETURN count(*) AS written
