// How many accounts there are (demo accounts are created only when there are none).
MATCH (u:User) RETURN count(u) AS count
