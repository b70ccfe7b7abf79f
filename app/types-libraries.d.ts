// The part of the language libraries' APIs the suggestions use (neither package ships types).
declare module "snowball-stemmers" {
  type Stemmer = { stem(word: string): string };
  const snowball: { newStemmer(language: string): Stemmer; algorithms(): string[] };
  export default snowball;
}
declare module "stopword" {
  /** The French stop words. */
  export const fra: string[];
}
