package io.proxytftp.http.ops;

/** What an operations endpoint answers: a status and a whole body. */
record Reply(int status, String contentType, String body) {}
