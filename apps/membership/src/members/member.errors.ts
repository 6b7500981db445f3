import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@emporium/platform';

export class MemberNotFoundError extends DomainError {
  constructor(memberId: string) {
    super('MEMBER_NOT_FOUND', `member ${memberId} was not found (register with POST /members)`, HttpStatus.NOT_FOUND, {
      memberId,
    });
  }
}

export class MemberExistsError extends DomainError {
  constructor(memberId: string) {
    super('MEMBER_EXISTS', `member ${memberId} is already registered`, HttpStatus.CONFLICT, { memberId });
  }
}

export class MemberErasedError extends DomainError {
  constructor(memberId: string) {
    super('MEMBER_ERASED', `member ${memberId} was erased; its data can no longer change`, HttpStatus.CONFLICT, {
      memberId,
    });
  }
}

export class EmailTakenError extends DomainError {
  constructor() {
    // The email itself is not echoed: problems end up in logs.
    super('EMAIL_TAKEN', 'another member is registered with this email', HttpStatus.CONFLICT, {
      errors: [{ field: 'email', message: 'is already registered' }],
    });
  }
}
