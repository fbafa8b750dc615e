CREATE (s:SavedScenario {id: $id, name: $name, notes: $notes, kind: $kind, request: $request, dataVersion: $dataVersion,
                         createdAt: $at, createdBy: $by, updatedAt: $at})
RETURN properties(s) AS scenario
