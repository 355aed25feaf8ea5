import { ApiError, currentCsrfToken } from './api.js';

export interface UploadProgress {
  /** Bytes sent so far and in all; the server's work after the last byte is not measurable. */
  loaded: number;
  total: number;
  /** True once the body is sent and the server is working on it. */
  processing: boolean;
}

function parseProblem(status: number, text: string, contentType: string): ApiError {
  if (contentType.includes('json')) {
    try {
      const body = JSON.parse(text) as {
        code?: string;
        detail?: string;
        title?: string;
        field?: string;
        errors?: Array<{ field: string; detail: string }>;
      };
      if (typeof body.code === 'string') {
        return new ApiError({
          status,
          code: body.code as ApiError['code'],
          detail: body.detail || body.title || '',
          field: body.field,
          errors: body.errors,
        });
      }
    } catch {
      // Not JSON after all: fall through to the generic error.
    }
  }
  return new ApiError({
    status,
    code: status >= 500 ? 'internal_error' : 'unexpected_response',
    detail: `the server answered ${status}`,
  });
}

/**
 * Sends a file as the raw body of a POST with XMLHttpRequest, which (unlike fetch) reports upload
 * progress. Resolves with the JSON answer or rejects with an ApiError, like `api`.
 */
export function uploadFile<T>(
  path: string,
  file: Blob,
  options: { contentType: string; onProgress?: (p: UploadProgress) => void; signal?: AbortSignal },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', options.contentType);
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) =>
      options.onProgress?.({
        loaded: e.loaded,
        total: e.lengthComputable ? e.total : file.size,
        processing: false,
      });
    xhr.upload.onload = () => options.onProgress?.({ loaded: file.size, total: file.size, processing: true });
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, code: 'network_error', detail: 'the server could not be reached' }));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    xhr.onload = () => {
      const type = xhr.getResponseHeader('content-type') ?? '';
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((type.includes('json') ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          reject(
            new ApiError({
              status: xhr.status,
              code: 'unexpected_response',
              detail: 'the answer was not JSON',
            }),
          );
        }
        return;
      }
      reject(parseProblem(xhr.status, xhr.responseText, type));
    };
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}
