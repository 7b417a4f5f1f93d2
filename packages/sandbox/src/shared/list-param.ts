/** Values of an array query parameter given as `x=a,b`, `x[]=a&x[]=b` or repeated `x=a&x=b` (all three, mixed). */
export function listParam(query: URLSearchParams, name: string): string[] {
  return [...query.getAll(name), ...query.getAll(`${name}[]`)]
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
