CREATE (c:Call {id: $id, year: $year, title: $title, expertWeight: $expertWeight, citizenWeight: $citizenWeight,
                minAiScore: $minAiScore, createdAt: $at, createdBy: $by})
RETURN properties(c) AS call
