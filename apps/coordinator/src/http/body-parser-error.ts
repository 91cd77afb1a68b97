import { BadRequestException, HttpException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';

/** What body-parser attaches to the errors it passes on. */
interface BodyParserFailure {
  readonly type?: string;
  readonly status?: number;
  readonly message?: string;
}

/**
 * The HTTP error for a failure of the JSON body parser: 413 naming the limit,
 * 400 naming what is malformed, 415 for a charset or encoding it cannot read,
 * its own status for the rest of its client errors. Anything else (not the
 * client's doing) is returned as it is, to become a logged 500.
 */
export function bodyParserError(error: unknown, maxBodyBytes: number): unknown {
  const { type, status, message = '' } = (error ?? {}) as BodyParserFailure;
  switch (type) {
    case 'entity.too.large':
      return new PayloadTooLargeException(`request body is larger than the limit of ${maxBodyBytes} bytes (ATTUNE_MAX_BODY_BYTES)`);
    case 'entity.parse.failed':
      return new BadRequestException(`malformed JSON body: ${message}`);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeException(message);
    default:
      return status !== undefined && status >= 400 && status < 500 ? new HttpException(message, status) : error;
  }
}
