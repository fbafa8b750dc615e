/** Errors of the use cases that the API shows to users (status, title, a detail naming the problem). */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly errors?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export const unknownFirm = (id: string, path = 'id') =>
  new DomainError(404, 'Unknown firm', `No firm with id "${id}".`, [{ path, message: `unknown firm "${id}"` }]);
