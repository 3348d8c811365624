//! The accept loop, with the connection limits `axum::serve` does not offer: a cap on
//! open connections (more wait in the kernel's backlog, so descriptors never run out),
//! and a header-read timeout that also closes idle keep-alive connections (a client
//! that opens a socket and sends nothing, or one header line a second, is cut off),
//! and a write-stall timeout (a client that stops reading its answer is cut off, so it
//! cannot hold a connection slot for ever).
//! HTTP/1.1 only (what browsers and scripts speak to it without TLS).
//! SIGTERM stops accepting and lets in-flight requests finish, as before.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

#[derive(Clone, Copy, Debug)]
pub struct ConnectionLimits {
    pub max_connections: usize,
    pub header_read_timeout: Duration,
    /// How long an answer may make no progress before the connection is closed.
    pub write_stall_timeout: Duration,
    /// How long SIGTERM waits for open connections to finish (the request timeout).
    pub shutdown_grace: Duration,
}

/// Serves `router` on `listener` until `signal` completes, then waits for open
/// connections to finish their requests.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    signal: impl Future<Output = ()> + Send + 'static,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let (stop_tx, stop_rx) = watch::channel(false);
    tokio::spawn(async move {
        signal.await;
        let _ = stop_tx.send(true);
    });
    // Every connection task holds a clone; when all are gone, every connection is done.
    let (done_tx, done_rx) = watch::channel(());
    let mut stop = stop_rx.clone();
    loop {
        // A free slot first: past the cap, new connections wait in the backlog.
        let slot = tokio::select! {
            s = slots.clone().acquire_owned() => match s { Ok(s) => s, Err(_) => break },
            _ = stop.changed() => break,
        };
        let (stream, remote) = tokio::select! {
            a = listener.accept() => match a {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors and the like: back off instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = stop.changed() => break,
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service =
            TowerToHyperService::new(tower::service_fn(move |mut req: Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo(remote));
                router.clone().oneshot(req.map(Body::new))
            }));
        let mut stop = stop_rx.clone();
        let done = done_rx.clone();
        let header_read_timeout = limits.header_read_timeout;
        let stream = WriteStall::new(stream, limits.write_stall_timeout);
        tokio::spawn(async move {
            // HTTP/1 only: its head-read timer runs from the first poll, so a socket
            // that sends nothing at all is closed too (protocol sniffing for HTTP/2
            // would wait for bytes with no timer).
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_read_timeout);
            let conn = builder
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            tokio::pin!(conn);
            let mut stopping = false;
            loop {
                tokio::select! {
                    r = conn.as_mut() => {
                        if let Err(e) = r {
                            tracing::debug!(error = %e, "connection ended with an error");
                        }
                        break;
                    }
                    _ = stop.changed(), if !stopping => {
                        stopping = true;
                        conn.as_mut().graceful_shutdown();
                    }
                }
            }
            drop(slot);
            drop(done);
        });
    }
    drop(listener);
    drop(done_rx);
    // In-flight requests finish; a connection that will not (a client that stopped
    // reading its answer) does not hold the shutdown for longer than the grace period.
    if tokio::time::timeout(limits.shutdown_grace, done_tx.closed())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the shutdown grace period; closing");
    }
}

/// A socket whose writes fail once they have made no progress for `limit`: hyper stops
/// polling the answer's body while the socket is full, so no body timeout can see a
/// client that stopped reading; this does.
struct WriteStall<S> {
    inner: S,
    limit: Duration,
    timer: Pin<Box<tokio::time::Sleep>>,
    armed: bool,
}

impl<S> WriteStall<S> {
    fn new(inner: S, limit: Duration) -> Self {
        // At least a second (0 would cut every write that has to wait), at most a year
        // (so the deadline never overflows).
        let limit = limit.clamp(Duration::from_secs(1), Duration::from_secs(365 * 86_400));
        WriteStall {
            inner,
            limit,
            timer: Box::pin(tokio::time::sleep(limit)),
            armed: false,
        }
    }

    /// A write that could not proceed: starts the clock at the first such write, and
    /// fails once it has run out.
    fn stalled<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        if !self.armed {
            self.armed = true;
            let deadline = tokio::time::Instant::now() + self.limit;
            self.timer.as_mut().reset(deadline);
        }
        match self.timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading its answer",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn progressed<T>(
        &mut self,
        r: Poll<io::Result<T>>,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<T>> {
        match r {
            Poll::Ready(r) => {
                self.armed = false;
                Poll::Ready(r)
            }
            Poll::Pending => self.stalled(cx),
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for WriteStall<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for WriteStall<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.progressed(r, cx)
    }
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.progressed(r, cx)
    }
    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let r = Pin::new(&mut self.inner).poll_flush(cx);
        self.progressed(r, cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let r = Pin::new(&mut self.inner).poll_shutdown(cx);
        self.progressed(r, cx)
    }
}
