#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace hk {

// Expected failures are values (STYLE.md). std::expected is out of reach: Debian's clang 14, which
// builds the fuzz targets, cannot compile libstdc++ 12's <expected>.
template <typename E> struct Failure {
    E error;
};

template <typename E> Failure<std::decay_t<E>> fail(E &&error)
{
    return {std::forward<E>(error)};
}

template <typename T, typename E> class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    template <typename F, typename = std::enable_if_t<std::is_convertible_v<F, E>>>
    Result(Failure<F> failure) : m_state(std::in_place_index<1>, E(std::move(failure.error)))
    {
    }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const &
    {
        assert(ok());
        return std::get<0>(m_state);
    }
    T &value() &
    {
        assert(ok());
        return std::get<0>(m_state);
    }
    // By value: `for (x : f().value())` must not iterate over a destroyed temporary.
    T value() &&
    {
        assert(ok());
        return std::get<0>(std::move(m_state));
    }
    const T *operator->() const { return &value(); }
    const T &operator*() const & { return value(); }

    const E &error() const
    {
        assert(!ok());
        return std::get<1>(m_state);
    }

private:
    std::variant<T, E> m_state;
};

struct Ok {};

template <typename E> class [[nodiscard]] Result<void, E> {
public:
    Result(Ok = {}) {}
    template <typename F, typename = std::enable_if_t<std::is_convertible_v<F, E>>>
    Result(Failure<F> failure) : m_error(E(std::move(failure.error))), m_failed(true)
    {
    }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const E &error() const
    {
        assert(m_failed);
        return m_error;
    }

private:
    E m_error{};
    bool m_failed = false;
};

} // namespace hk
