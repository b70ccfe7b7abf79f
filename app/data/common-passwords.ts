/**
 * Passwords refused because they are among the most used. Compiled by the Maquette team from
 * the well-known public rankings of leaked passwords (the first few hundred entries that
 * recur across them), with French additions (azerty, motdepasse, soleil, ...). Compared
 * case-insensitively.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  "123456", "123456789", "12345678", "password", "qwerty123", "qwerty1", "111111", "12345", "secret", "123123",
  "1234567890", "1234567", "000000", "qwerty", "abc123", "password1", "iloveyou", "11111111", "dragon", "monkey",
  "123123123", "123321", "qwertyuiop", "00000000", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "zaq12wsx", "654321", "666666",
  "7777777", "88888888", "987654321", "9876543210", "a1b2c3d4", "aa123456", "abcd1234", "abcdef", "admin", "admin123",
  "administrator", "asdfgh", "asdfghjkl", "baseball", "batman", "charlie", "football", "letmein", "login", "master",
  "michael", "mustang", "passw0rd", "password123", "password12", "princess", "shadow", "sunshine", "superman", "trustno1",
  "welcome", "welcome1", "whatever", "starwars", "hello123", "freedom", "computer", "jordan23", "liverpool", "pokemon",
  "samsung", "soccer", "hockey", "killer", "ashley", "bailey", "jennifer", "jessica", "michelle", "nicole",
  "daniel", "thomas", "robert", "hunter", "ranger", "buster", "tigger", "cookie", "chocolate", "summer",
  "internet", "access", "flower", "loveme", "lovely", "777777", "121212", "555555", "112233", "159753",
  "147258369", "123654", "123qwe", "qwe123", "q1w2e3r4", "q1w2e3r4t5", "1234qwer", "qazwsx", "zxcvbnm", "zxcvbn",
  "asdf1234", "asdasd", "qweqwe", "aaaaaa", "aaaaaaaa", "azerty", "azerty123", "azertyuiop", "azerty1", "a123456",
  "motdepasse", "motdepasse1", "motdepasse123", "mot2passe", "soleil", "bonjour", "bonjour1", "doudou", "chouchou", "loulou",
  "marseille", "paris", "paris123", "france", "nicolas", "julien", "camille", "chocolat", "coucou", "jetaime",
  "jetaime1", "maison", "vacances", "football1", "olympique", "alexandre", "bienvenue", "bienvenue1", "azertyui", "qsdfghjklm",
  "wxcvbn", "123azerty", "azerty12", "1234azer", "changeme", "changeit", "default", "guest", "root", "toor",
  "test", "test123", "test1234", "testtest", "demo", "demo1234", "user", "user1234", "temp", "temp1234",
  "p@ssw0rd", "p@ssword", "pa55word", "passpass", "pass1234", "pass123", "mypassword", "letmein1", "iloveyou1", "princess1",
  "sunshine1", "monkey1", "dragon1", "football12", "baseball1", "superman1", "batman1", "master1", "shadow1", "michael1",
  "11223344", "12341234", "123451234", "1234512345", "12344321", "123456a", "123456aa", "a12345678", "abc12345", "abcd123",
  "123abc", "1a2b3c4d", "qwerty12", "qwerty1234", "qwertz", "qwertzuiop", "ytrewq", "asdfasdf", "zaq1zaq1", "!qaz2wsx",
  "1qazxsw2", "xsw21qaz", "password!", "password1!", "welcome123", "hello", "hellohello", "love", "lovelove", "maquette",
  "maquette123", "universite", "ecole1234", "etudiant", "professeur", "enseignant", "formation", "diplome2024", "rentree2025", "septembre",
] as const;
