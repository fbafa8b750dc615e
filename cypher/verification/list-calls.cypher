// Every call, newest cohort first, with its applicants counted by status.
MATCH (c:Call)
OPTIONAL MATCH (a:Application)-[:FOR_CALL]->(c)
WITH c, count(a) AS applicants, count(CASE a.status WHEN 'selected' THEN 1 END) AS selected,
     count(CASE a.status WHEN 'rejected' THEN 1 END) AS rejected
RETURN properties(c) AS call, applicants, selected, rejected
ORDER BY c.year DESC, c.createdAt DESC
