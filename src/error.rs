//! One error type for everything that can stop an article from showing, with
//! messages written for readers, and whether retrying can help.

use std::rc::Rc;

use crate::model::ContentError;

/// Why an article could not be shown. Cheap to clone: the content error is
/// shared behind an `Rc`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// The server answered 404 or 410.
    #[error("This article could not be found (HTTP {0}).")]
    NotFound(u16),
    /// The server failed (5xx), or asked to wait (408, 429): worth a retry.
    #[error("The server failed to send this article (HTTP {0}).")]
    Server(u16),
    /// The server refused the request (another 4xx: 400, 401, 403…):
    /// asking again cannot help.
    #[error("The server refused to send this article (HTTP {0}).")]
    Refused(u16),
    /// The document is on an origin this widget may not fetch from (see
    /// [`crate::fence`]).
    #[error("This page does not allow the widget to load that article.")]
    Blocked,
    /// The request never got an answer: offline, DNS, CORS or a refused connection.
    #[error("The network is unreachable, so the article could not be loaded.")]
    Network,
    /// No complete answer arrived within [`crate::api::TIMEOUT_MS`].
    #[error("The article took too long to arrive.")]
    Timeout,
    /// The document is larger than the widget accepts.
    #[error("This article is too large to show ({0}).")]
    TooLarge(Rc<ContentError>),
    /// The server sent something that is not a valid article.
    #[error("This is not an article Lectern can read: {0}.")]
    NotAnArticle(Rc<ContentError>),
}

impl LoadError {
    /// Whether trying the same request again could help.
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::Server(_) | Self::Network | Self::Timeout)
    }
}

impl From<ContentError> for LoadError {
    fn from(error: ContentError) -> Self {
        match error {
            ContentError::TooLarge { .. } => Self::TooLarge(Rc::new(error)),
            other => Self::NotAnArticle(Rc::new(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Problem;

    #[test]
    fn only_transient_failures_offer_a_retry() {
        let cases = [
            (LoadError::NotFound(404), false),
            (LoadError::Server(503), true),
            (LoadError::Server(429), true),
            (LoadError::Refused(403), false),
            (LoadError::Network, true),
            (LoadError::Timeout, true),
            (LoadError::from(ContentError::TooLarge { bytes: 9 }), false),
            (LoadError::from(ContentError::NotJson("x".into())), false),
        ];
        for (error, retryable) in cases {
            assert_eq!(error.is_retryable(), retryable, "{error}");
        }
    }

    #[test]
    fn messages_carry_the_content_problem() {
        let error = LoadError::from(ContentError::Invalid(vec![Problem {
            path: "title".into(),
            message: "required field is missing".into(),
        }]));
        assert_eq!(
            error.to_string(),
            "This is not an article Lectern can read: title: required field is missing."
        );
    }
}
