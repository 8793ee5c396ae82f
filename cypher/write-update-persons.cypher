// The write path: like write-update-nodes for Person, plus the extra labels :KeyPerson and :Talent from
// row.kp / row.tal (true = set, false = remove, null = leave as is).
UNWIND $rows AS row
MATCH (n) WHERE id(n) = row.n AND n.id = row.id
WITH row, n,
     any(k IN keys(row.set) WHERE coalesce(n[k] <> row.set[k], (n[k] IS NULL) <> (row.set[k] IS NULL)))
       OR (row.kp IS NOT NULL AND row.kp <> n:KeyPerson)
       OR (row.tal IS NOT NULL AND row.tal <> n:Talent)
       AS changed
FOREACH (x IN CASE WHEN changed THEN [1] ELSE [] END |
  SET n += row.set, n.updatedAt = $now
  FOREACH (y IN CASE WHEN row.kp = true THEN [1] ELSE [] END | SET n:KeyPerson)
  FOREACH (y IN CASE WHEN row.kp = false THEN [1] ELSE [] END | REMOVE n:KeyPerson)
  FOREACH (y IN CASE WHEN row.tal = true THEN [1] ELSE [] END | SET n:Talent)
  FOREACH (y IN CASE WHEN row.tal = false THEN [1] ELSE [] END | REMOVE n:Talent))
RETURN sum(CASE WHEN changed THEN 1 ELSE 0 END) AS updated, count(*) AS total
