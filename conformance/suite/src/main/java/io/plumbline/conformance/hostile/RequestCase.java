package io.plumbline.conformance.hostile;

import io.grpc.Status;

/**
 * One request and what etcd 3.4 answers to it.
 *
 * @param what the request, in words
 * @param code the status code etcd answers with
 * @param answer for OK the response summary expected (null: any); else etcd's exact status message
 * @param call sends it
 */
record RequestCase(String what, Status.Code code, String answer, Call call) {
  /** Sends the request; a summary of the response, or a StatusRuntimeException. */
  @FunctionalInterface
  interface Call {
    Object send() throws Exception;
  }

  static RequestCase ok(String what, String answer, Call call) {
    return new RequestCase(what, Status.Code.OK, answer, call);
  }

  static RequestCase refused(String what, String message, Call call) {
    return new RequestCase(what, Status.Code.INVALID_ARGUMENT, message, call);
  }

  static RequestCase refused(String what, Status.Code code, String message, Call call) {
    return new RequestCase(what, code, message, call);
  }

  /** Sends it; a problem line when the answer differs from etcd's, else null. */
  String check(java.util.List<String> evidence) throws Exception {
    Outcome o = Outcome.of(call::send);
    String expected = code == Status.Code.OK ? "OK" + (answer == null ? "" : " " + answer) : code + " \"" + answer + "\"";
    evidence.add(what + " -> " + o + " (etcd: " + expected + ")");
    return o.is(code, answer) ? null : what + " -> " + o + "; etcd answers " + expected;
  }
}
