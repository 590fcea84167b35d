// The load generator of the network benchmark, the same client for every server. It busy-polls (non-blocking
// sockets, no sleeping) so that the client side is never the one that adds wake-up latency.
//   loadgen latency HOST PORT SIZE ROUNDS WARMUP     -> "p50_us p99_us p999_us"
//   loadgen throughput HOST PORT SIZE CONNECTIONS SECONDS -> "requests requests_per_second"
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int connect_to(const char *host, int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    inet_pton(AF_INET, host, &address.sin_addr);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) < 0) {
        perror("connect");
        exit(1);
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static void send_all(int fd, const char *buffer, int size)
{
    for (int sent = 0; sent < size;) {
        ssize_t n = send(fd, buffer + sent, (size_t)(size - sent), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) continue;
            perror("send");
            exit(1);
        }
        sent += (int)n;
    }
}

// Spins on a non-blocking receive until `size` bytes have arrived.
static void receive_exactly(int fd, char *buffer, int size)
{
    for (int received = 0; received < size;) {
        ssize_t n = recv(fd, buffer + received, (size_t)(size - received), MSG_DONTWAIT);
        if (n > 0) {
            received += (int)n;
        } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            fprintf(stderr, "recv: the server closed or failed\n");
            exit(1);
        }
    }
}

static int compare(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static int latency(const char *host, int port, int size, int rounds, int warmup)
{
    int fd = connect_to(host, port);
    char *request = malloc((size_t)size), *reply = malloc((size_t)size);
    memset(request, 'x', (size_t)size);
    long long *rtt = malloc(sizeof(long long) * (size_t)rounds);
    for (int i = -warmup; i < rounds; i++) {
        long long start = now_ns();
        send_all(fd, request, size);
        receive_exactly(fd, reply, size);
        if (i >= 0) rtt[i] = now_ns() - start;
    }
    qsort(rtt, (size_t)rounds, sizeof(long long), compare);
    printf("%.1f %.1f %.1f\n", rtt[rounds / 2] / 1e3, rtt[(int)(rounds * 0.99)] / 1e3, rtt[(int)(rounds * 0.999)] / 1e3);
    close(fd);
    return 0;
}

// Each connection keeps one request outstanding; a reply (all `size` bytes) triggers the next request.
static int throughput(const char *host, int port, int size, int connections, int seconds)
{
    int epfd = epoll_create1(0);
    int *fds = malloc(sizeof(int) * (size_t)connections);
    int *pending = malloc(sizeof(int) * (size_t)connections);
    char *request = malloc((size_t)size);
    char buffer[65536];
    memset(request, 'x', (size_t)size);
    for (int i = 0; i < connections; i++) {
        fds[i] = connect_to(host, port);
        struct epoll_event event = { .events = EPOLLIN, .data.u32 = (uint32_t)i };
        epoll_ctl(epfd, EPOLL_CTL_ADD, fds[i], &event);
    }
    for (int i = 0; i < connections; i++) {
        send_all(fds[i], request, size);
        pending[i] = size;
    }
    long long requests = 0;
    long long end = now_ns() + (long long)seconds * 1000000000LL;
    struct epoll_event events[256];
    while (now_ns() < end) {
        int n = epoll_wait(epfd, events, 256, 0);
        for (int e = 0; e < n; e++) {
            int i = (int)events[e].data.u32;
            ssize_t got = recv(fds[i], buffer, sizeof buffer, MSG_DONTWAIT);
            if (got <= 0) {
                if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
                fprintf(stderr, "recv: the server closed or failed\n");
                return 1;
            }
            pending[i] -= (int)got;
            if (pending[i] <= 0) {
                requests++;
                send_all(fds[i], request, size);
                pending[i] += size;
            }
        }
    }
    printf("%lld %.0f\n", requests, requests / (double)seconds);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 7 && strcmp(argv[1], "latency") == 0) return latency(argv[2], atoi(argv[3]), atoi(argv[4]), atoi(argv[5]), atoi(argv[6]));
    if (argc == 7 && strcmp(argv[1], "throughput") == 0) return throughput(argv[2], atoi(argv[3]), atoi(argv[4]), atoi(argv[5]), atoi(argv[6]));
    fprintf(stderr, "usage: %s latency HOST PORT SIZE ROUNDS WARMUP | throughput HOST PORT SIZE CONNECTIONS SECONDS\n", argv[0]);
    return 2;
}
