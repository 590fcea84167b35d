// The baseline peer of the network benchmark: a single-threaded, level-triggered epoll echo server in C.
// Usage: epoll_echo PORT [busy]   -- "busy" polls epoll_wait with a zero timeout instead of blocking.
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_EVENTS 256
#define BUFFER_BYTES 65536

static volatile sig_atomic_t stopping;

static void on_signal(int signal_number) { (void)signal_number; stopping = 1; }

// Writes all of buffer; a full send buffer is waited out with poll-free retries (messages here are small).
static int write_all(int fd, const char *buffer, ssize_t length)
{
    while (length > 0) {
        ssize_t n = send(fd, buffer, (size_t)length, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) continue;
            return -1;
        }
        buffer += n;
        length -= n;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PORT [busy]\n", argv[0]);
        return 2;
    }
    int busy = argc > 2 && strcmp(argv[2], "busy") == 0;
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1])), .sin_addr.s_addr = htonl(INADDR_ANY) };
    if (bind(listener, (struct sockaddr *)&address, sizeof address) < 0 || listen(listener, 1024) < 0) {
        perror("bind/listen");
        return 1;
    }

    int epfd = epoll_create1(0);
    struct epoll_event event = { .events = EPOLLIN, .data.fd = listener };
    epoll_ctl(epfd, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event events[MAX_EVENTS];
    static char buffer[BUFFER_BYTES];

    while (!stopping) {
        int n = epoll_wait(epfd, events, MAX_EVENTS, busy ? 0 : -1);
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == listener) {
                int connection;
                while ((connection = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(connection, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event added = { .events = EPOLLIN, .data.fd = connection };
                    epoll_ctl(epfd, EPOLL_CTL_ADD, connection, &added);
                }
                continue;
            }
            ssize_t received = recv(fd, buffer, sizeof buffer, 0);
            if (received > 0 && write_all(fd, buffer, received) == 0) continue;
            if (received < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            close(fd);
        }
    }
    return 0;
}
